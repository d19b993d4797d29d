package dev.byok.configservice.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who may manage an org (CONTRACTS §2): a token whose {@code orgs} claim lists the org, or one whose
 * {@code scope} contains {@code byok:admin}. Org ids are compared exactly: {@code Acme} and
 * {@code acme} are different orgs.
 */
public final class OrgAccess {

    public static final String ADMIN_SCOPE = "byok:admin";

    private OrgAccess() {
    }

    public static boolean mayManage(Jwt jwt, String orgId) {
        return isAdmin(jwt) || orgs(jwt).contains(orgId);
    }

    public static boolean isAdmin(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String s) {
            return Arrays.asList(s.split(" ")).contains(ADMIN_SCOPE);
        }
        if (scope instanceof Collection<?> c) {
            return c.contains(ADMIN_SCOPE);
        }
        return false;
    }

    static List<String> orgs(Jwt jwt) {
        Object orgs = jwt.getClaims().get("orgs");
        if (orgs instanceof Collection<?> c) {
            return c.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}

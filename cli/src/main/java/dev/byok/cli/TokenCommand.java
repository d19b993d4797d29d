package dev.byok.cli;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.byok.model.Identifiers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Mint a development bearer token with the deployment's HS256 secret.",
            "The secret is BYOK_JWT_SECRET (or --jwt-secret). Production tokens come from your identity provider."})
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--admin", description = "scope byok:admin: every org, the org list and the admin endpoints")
    boolean admin;

    @Option(names = "--org", paramLabel = "ORG", description = "an org the token may manage (repeatable)")
    List<String> orgs = new ArrayList<>();

    @Option(names = "--ttl", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "how long it is valid, ISO-8601 (PT1H, P1D; default ${DEFAULT-VALUE})")
    Duration ttl;

    @Option(names = "--subject", defaultValue = "byok-cli", description = "the token's sub claim (default ${DEFAULT-VALUE})")
    String subject;

    @Option(names = "--jwt-secret", defaultValue = "${env:BYOK_JWT_SECRET}", paramLabel = "SECRET",
            description = "the deployment's HS256 secret (BYOK_JWT_SECRET)")
    String jwtSecret;

    @Override
    public Integer call() {
        if (!admin && orgs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "say --admin, or --org ORG for each org the token may manage");
        }
        for (String org : orgs) {
            if (!Identifiers.isValidOrgId(org)) {
                throw new ParameterException(spec.commandLine(), "'" + org + "' is not an org id (1 to 64 letters, digits"
                        + " and '-', not starting with '-')");
            }
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new ParameterException(spec.commandLine(), "--ttl must be positive");
        }
        if (jwtSecret == null || jwtSecret.isBlank()) {
            throw new UserError("no secret: set BYOK_JWT_SECRET (or --jwt-secret) to the secret config-service verifies"
                    + " tokens with");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        if (admin) {
            claims.claim("scope", "byok:admin");
        }
        if (!orgs.isEmpty()) {
            claims.claim("orgs", orgs);
        }
        spec.commandLine().getOut().println(RestSettings.Tokens.sign(jwtSecret, claims, ttl, subject));
        return 0;
    }
}

package dev.byok.configservice.security;

import dev.byok.configservice.ConfigServiceProperties;
import dev.byok.configservice.api.ProblemWriter;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every endpoint needs a bearer token except the public catalog, health, the settings page's static
 * files and the OpenAPI document with Swagger UI (reading them reveals no data; what the UI calls
 * needs a token like any other call). The other actuator endpoints (metrics, Prometheus, info) need the
 * {@code byok:admin} scope: the metrics are tagged with every org id, which is tenant data. A 401 or
 * 403 says nothing about whether the org exists.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The BYOK settings page (static files under {@code static/byok}). */
    static final String[] PAGE_PATHS = {"/byok", "/byok/", "/byok/*.html", "/byok/*.js", "/byok/*.css"};

    /** The OpenAPI document and Swagger UI: public to read; every call made from the UI needs a token like any other. */
    static final String[] API_DOC_PATHS = {"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
        "/swagger-ui/**"};

    /** Swagger UI sets inline styles; it gets them, and nothing else beyond the page's policy. */
    static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private static final RequestMatcher SWAGGER_UI = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> problems.write(response,
                HttpStatus.UNAUTHORIZED, "A valid bearer token is required.");
        AccessDeniedHandler forbidden = (request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                request.getRequestURI().startsWith("/actuator") ? "This needs a token with the byok:admin scope."
                        : "This token may not manage this org's BYOK config.");
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/byok/catalog", "/actuator/health", "/actuator/health/**",
                                "/error").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").hasAuthority("SCOPE_" + OrgAccess.ADMIN_SCOPE)
                        // The settings page's static files: they hold no data; the page sends the
                        // bearer token on each API call it makes.
                        .requestMatchers(HttpMethod.GET, PAGE_PATHS).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PAGE_PATHS).permitAll()
                        .requestMatchers(HttpMethod.GET, API_DOC_PATHS).permitAll()
                        .anyRequest().authenticated())
                // The page keeps a bearer token in the tab: it may run only its own scripts, talk
                // only to this origin, and never be framed.
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI,
                                new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_CONTENT_SECURITY_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI),
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults()).authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    /**
     * HS256 over {@code BYOK_JWT_SECRET}, or RS256/ES256 from {@code BYOK_JWT_JWKS_URI}; every token
     * follows {@link TokenRules}.
     */
    @Bean
    JwtDecoder jwtDecoder(ConfigServiceProperties properties, java.time.Clock clock) {
        NimbusJwtDecoder decoder;
        if (properties.jwtJwksUri() != null && !properties.jwtJwksUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwtJwksUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256).jwsAlgorithm(SignatureAlgorithm.ES256).build();
        } else {
            byte[] secret = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        }
        decoder.setJwtValidator(TokenRules.of(properties.jwtIssuer(), properties.jwtAudiences(),
                properties.jwtMaxLifetime(), clock));
        return decoder;
    }
}

package dev.byok.configservice.keys;

import dev.byok.configservice.security.OrgAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** POST /api/v1/admin/keys/rewrap (scope byok:admin): the rotation command of the README. */
@RestController
class KeyRotationController {

    private final KeyRotation rotation;

    KeyRotationController(KeyRotation rotation) {
        this.rotation = rotation;
    }

    @PostMapping("/api/v1/admin/keys/rewrap")
    ResponseEntity<RewrapReport> rewrap(@AuthenticationPrincipal Jwt jwt) {
        if (!OrgAccess.isAdmin(jwt)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return ResponseEntity.ok(rotation.rewrapAll(jwt.getSubject()));
    }
}

package dev.byok.configstore.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Wraps data keys with a 256-bit master key kept in a file: the embedded default for a single
 * machine or a shared volume. The file is created on first use with owner-only permissions; every
 * service that wraps or unwraps keys must point at the same file. The wrapping key id is
 * {@code local:<first 8 bytes of SHA-256 of the key, hex>}, so a ciphertext says which master key
 * it needs and a wrong file is reported as such, not as corrupt data.
 */
public final class LocalMasterKeyWrapping implements KeyWrapping {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final byte[] masterKey;
    private final String keyId;

    private LocalMasterKeyWrapping(byte[] masterKey) {
        this.masterKey = masterKey;
        this.keyId = "local:" + fingerprint(masterKey);
    }

    /** Loads the master key from {@code file}, creating it (and its directory) first if it is missing. */
    public static LocalMasterKeyWrapping fromFile(Path file) {
        try {
            createIfMissing(file);
            byte[] key = Files.readAllBytes(file);
            if (key.length != AesGcm.KEY_BYTES) {
                throw new IllegalStateException("master key file " + file + " must hold exactly " + AesGcm.KEY_BYTES
                        + " bytes, it holds " + key.length);
            }
            return new LocalMasterKeyWrapping(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public DataKey generateDataKey(KeyContext context) {
        byte[] dataKey = AesGcm.randomKey();
        return new DataKey(dataKey, AesGcm.seal(masterKey, dataKey, context.associatedData()), keyId);
    }

    @Override
    public byte[] unwrap(String wrappingKeyId, byte[] wrappedDataKey, KeyContext context) {
        if (!keyId.equals(wrappingKeyId)) {
            throw new KeyUnavailableException("the key was encrypted under master key " + wrappingKeyId
                    + " but this service holds " + keyId + " (check BYOK_MASTER_KEY_FILE)");
        }
        try {
            return AesGcm.open(masterKey, wrappedDataKey, context.associatedData());
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("the stored key does not belong to this org and slot or was altered", e);
        }
    }

    private static void createIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.exists(dir)) {
            Files.createDirectories(dir);
            trySetPermissions(dir, OWNER_ONLY_DIR);
        }
        Path temp = Files.createTempFile(dir, ".master-key", ".tmp");
        try {
            trySetPermissions(temp, OWNER_ONLY);
            Files.write(temp, AesGcm.randomKey(), StandardOpenOption.TRUNCATE_EXISTING);
            // Two services starting together race here: the link is atomic, so exactly one key wins
            // and both read the same file afterwards.
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raceLost) {
            // another process created it first; use theirs
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void trySetPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the ACL of the user's directory
        }
    }

    private static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

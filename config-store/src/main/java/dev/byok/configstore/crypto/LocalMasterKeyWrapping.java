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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wraps data keys with 256-bit master keys kept in files: the embedded default for a single machine
 * or a shared volume. The primary file is created on first use with owner-only permissions; every
 * service that wraps or unwraps keys must point at the same file. Previous master key files, kept
 * during a rotation, can still unwrap what they wrapped. A key's id is
 * {@code local:<first 8 bytes of SHA-256 of the key, hex>}, so a ciphertext says which master key it
 * needs and a wrong file is reported as such, not as corrupt data.
 */
public final class LocalMasterKeyWrapping implements KeyWrapping {

    static final String PREFIX = "local:";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final String primaryId;
    private final Map<String, byte[]> keys;

    private LocalMasterKeyWrapping(String primaryId, Map<String, byte[]> keys) {
        this.primaryId = primaryId;
        this.keys = keys;
    }

    /** Loads the master key from {@code file}, creating it (and its directory) first if it is missing. */
    public static LocalMasterKeyWrapping fromFile(Path file) {
        return fromFiles(file, List.of());
    }

    /** The primary master key (created if missing) and the previous ones of a rotation (which must exist). */
    public static LocalMasterKeyWrapping fromFiles(Path primary, List<Path> previous) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        byte[] primaryKey = read(primary, true);
        String primaryId = idOf(primaryKey);
        keys.put(primaryId, primaryKey);
        for (Path file : previous) {
            byte[] key = read(file, false);
            keys.putIfAbsent(idOf(key), key);
        }
        return new LocalMasterKeyWrapping(primaryId, keys);
    }

    /** The id a key wrapped with this file's master key names. */
    public static String idOfFile(Path file) {
        return idOf(read(file, false));
    }

    @Override
    public String primaryKeyId() {
        return primaryId;
    }

    /** Kept for callers that think of one key: the primary key's id. */
    public String keyId() {
        return primaryId;
    }

    @Override
    public boolean canUnwrap(String wrappingKeyId) {
        return wrappingKeyId != null && wrappingKeyId.startsWith(PREFIX);
    }

    @Override
    public DataKey generateDataKey(KeyContext context) {
        return rewrap(AesGcm.randomKey(), context);
    }

    @Override
    public DataKey rewrap(byte[] dataKey, KeyContext context) {
        return new DataKey(dataKey, AesGcm.seal(keys.get(primaryId), dataKey, context.associatedData()), primaryId);
    }

    @Override
    public byte[] unwrap(String wrappingKeyId, byte[] wrappedDataKey, KeyContext context) {
        byte[] masterKey = keys.get(wrappingKeyId);
        if (masterKey == null) {
            throw new KeyUnavailableException("the key was encrypted under master key " + wrappingKeyId
                    + " but this service holds " + keys.keySet()
                    + " (check BYOK_MASTER_KEY_FILE and BYOK_MASTER_KEY_PREVIOUS_FILES)");
        }
        try {
            return AesGcm.open(masterKey, wrappedDataKey, context.associatedData());
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("the stored key does not belong to this org and slot or was altered", e);
        }
    }

    private static byte[] read(Path file, boolean createIfMissing) {
        try {
            if (createIfMissing) {
                createIfMissing(file);
            }
            refuseIfShared(file);
            byte[] key = Files.readAllBytes(file);
            if (key.length != AesGcm.KEY_BYTES) {
                throw new IllegalStateException("master key file " + file + " must hold exactly " + AesGcm.KEY_BYTES
                        + " bytes, it holds " + key.length);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
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

    /**
     * A master key file that other users of the machine can read or write opens (or replaces) every
     * stored key: refuse it at start instead of trusting it, and say how to fix it.
     */
    private static void refuseIfShared(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return; // Windows: the file inherits the ACL of the user's directory
        }
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IllegalStateException("master key file " + file + " is open to other users ("
                    + PosixFilePermissions.toString(permissions) + "); it must be owner-only: chmod 600 " + file);
        }
    }

    private static void trySetPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the ACL of the user's directory
        }
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

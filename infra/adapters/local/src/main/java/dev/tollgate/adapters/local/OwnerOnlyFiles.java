package dev.tollgate.adapters.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How Tollgate keeps its local data folder (tables, key ring, URL-signing key, dev token key,
 * startup journal, artifacts) to its owner: folders rwx------, files rw-------, from their first
 * byte; and secrets never half-written — a temp file beside the target, renamed over it.
 */
public final class OwnerOnlyFiles {

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", fileAttributes(dir));
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Like {@link Files#createDirectories}, each folder it creates owner-only (the umask cannot widen it). */
    public static void createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        try {
            Files.createDirectory(absolute);
            restrict(absolute);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another thread or process made it
        }
    }

    /** A file opened for appending, created owner-only if it does not exist. */
    public static FileChannel openPrivateForAppend(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                fileAttributes(file.toAbsolutePath().getParent()));
    }

    /** A temp file owner-only from its creation, for uploads and other data written in place. */
    public static Path createPrivateTempFile(Path dir, String prefix, String suffix) throws IOException {
        createPrivateDirectories(dir);
        return Files.createTempFile(dir, prefix, suffix, fileAttributes(dir));
    }

    /**
     * Makes {@code root} and everything under it owner-only: for a folder made before Tollgate
     * cared (0755 from the umask) or widened by hand. Links are not followed.
     */
    public static void restrictTree(Path root) {
        if (!posix(root) || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(dir, FOLDER);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        Files.setPosixFilePermissions(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed while walking
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + root + " owner-only", e);
        }
    }

    private static void restrict(Path dir) throws IOException {
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, FOLDER);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** rw------- where the file system has POSIX permissions; elsewhere (Windows) the profile folder is private. */
    private static FileAttribute<?>[] fileAttributes(Path dir) {
        return posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }
}

package io.agentplatform.agentservice.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * CPU time of the processes a benchmark row involves, from /proc (Linux): the service, PostgreSQL
 * (postmaster, its live backends and the backends it already reaped), Redis and the load driver
 * itself. Tells which process the two cores go to, which requests/s alone cannot on a shared machine.
 */
final class ProcessCpu {

    /** One tick is 10 ms (USER_HZ = 100 on Linux). */
    static final double MILLIS_PER_TICK = 10.0;

    private ProcessCpu() {
    }

    /** user + system ticks of one process; with {@code reapedChildren} also those of its children it waited for. */
    static long ticks(long pid, boolean reapedChildren) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return 0;
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return reapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }

    /** user and system ticks separately, for the service's kernel share. */
    static long[] userAndSystemTicks(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? new long[] {0, 0} : new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    /** A process and all its children, live (their own time) and reaped (the parent's cutime/cstime). */
    static long treeTicks(long pid) {
        long total = ticks(pid, true);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long child = Long.parseLong(process.getFileName().toString());
                String[] fields = statFields(child);
                if (fields != null && Long.parseLong(fields[1]) == pid) {
                    total += ticks(child, false);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return total;
    }

    /** The process listening on this loopback TCP port (PostgreSQL's postmaster, Redis), from /proc/net/tcp and fds. */
    static OptionalLong listenerOf(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        String inode = null;
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length > 9 && columns[1].endsWith(hexPort) && "0A".equals(columns[3])) {
                inode = columns[9];
                break;
            }
        }
        if (inode == null) {
            return OptionalLong.empty();
        }
        String socket = "socket:[" + inode + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (socket.equals(Files.readSymbolicLink(fd).toString())) {
                            return OptionalLong.of(Long.parseLong(process.getFileName().toString()));
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process or gone meanwhile: not ours
                }
            }
        }
        return OptionalLong.empty();
    }

    /** Fields after the command name of /proc/PID/stat (index 0 = state, 1 = ppid, 11 = utime), or null if gone. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }
}

package io.megapipeline.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Memory and CPU time of one process of the stack and the programs it started (Apertium pipelines,
 * espeak-ng runs), read from Linux's /proc. RSS counts pages shared between processes (the JVM's code,
 * Apertium's dictionaries) once per process; PSS splits them among the processes sharing them, so PSS
 * adds up to the memory really used.
 */
record ProcessStats(long pid, long rssKb, long childrenRssKb, long pssKb, long peakRssKb, double cpuSeconds) {

    /** Clock ticks per second of /proc/PID/stat; 100 on Linux. */
    private static final double TICKS = 100.0;

    static ProcessStats of(long pid) throws IOException {
        long childrenRss = 0;
        long pss = kb(pid, "smaps_rollup", "Pss:");
        double cpu = cpuSeconds(pid);
        for (long child : descendants(pid)) {
            childrenRss += kb(child, "status", "VmRSS:");
            pss += kb(child, "smaps_rollup", "Pss:");
            cpu += cpuSeconds(child);
        }
        return new ProcessStats(pid, kb(pid, "status", "VmRSS:"), childrenRss, pss, kb(pid, "status", "VmHWM:"), cpu);
    }

    /** A field in kB of /proc/PID/status or /proc/PID/smaps_rollup. */
    private static long kb(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return 0;
    }

    /** utime + stime of the process and of its children that ended (cutime + cstime). */
    private static double cpuSeconds(long pid) {
        String[] f = stat(pid);
        return f == null ? 0 : (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                + Long.parseLong(f[14])) / TICKS;
    }

    /** The fields of /proc/PID/stat after the command name; [1] is the parent pid, [11] utime. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<Long> descendants(long pid) throws IOException {
        List<long[]> parents = new ArrayList<>(); // {pid, parent pid} of every process
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                String[] f = name.chars().allMatch(Character::isDigit) ? stat(Long.parseLong(name)) : null;
                if (f != null) {
                    parents.add(new long[] { Long.parseLong(name), Long.parseLong(f[1]) });
                }
            }
        }
        List<Long> found = new ArrayList<>(List.of(pid));
        for (int i = 0; i < found.size(); i++) {
            long parent = found.get(i);
            parents.stream().filter(p -> p[1] == parent).forEach(p -> found.add(p[0]));
        }
        return found.subList(1, found.size());
    }
}

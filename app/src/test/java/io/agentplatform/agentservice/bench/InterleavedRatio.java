package io.agentplatform.agentservice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The POST rate of one service against pgbench's rate measured in alternating slices of equal length (service, pgbench,
 * service, pgbench, ...), so that a drift of the shared machine over minutes hits both sides alike: pgbench's rate moved
 * by up to 32 % between two runs minutes apart (docs/benchmarks.md, seventh and eighth passes). The ratio is that of the
 * two mean rates; the per-slice ratios show the spread.
 */
final class InterleavedRatio {

    private final List<double[]> slices = new ArrayList<>();

    /** One slice pair: the service's successful POSTs per second, then pgbench's transactions per second. */
    void add(double postPerSecond, double pgbenchPerSecond) {
        if (!(postPerSecond >= 0) || !(pgbenchPerSecond > 0)) {
            throw new IllegalArgumentException("a slice needs a POST rate >= 0 and a pgbench rate > 0, got "
                    + postPerSecond + " and " + pgbenchPerSecond);
        }
        slices.add(new double[] {postPerSecond, pgbenchPerSecond});
    }

    double meanPost() {
        return slices.stream().mapToDouble(slice -> slice[0]).average().orElseThrow();
    }

    double meanPgbench() {
        return slices.stream().mapToDouble(slice -> slice[1]).average().orElseThrow();
    }

    double ratio() {
        return meanPost() / meanPgbench();
    }

    double lowestSliceRatio() {
        return slices.stream().mapToDouble(slice -> slice[0] / slice[1]).min().orElseThrow();
    }

    double highestSliceRatio() {
        return slices.stream().mapToDouble(slice -> slice[0] / slice[1]).max().orElseThrow();
    }

    String describe(String label, long sliceSeconds) {
        return String.format(Locale.ROOT, "POST /v1/tasks (new prompt) / pgbench INSERT rate, %s, interleaved (%d pairs of"
                        + " %d s slices, service then pgbench): %.0f / %.0f = %.3f (slice pairs %.3f to %.3f)", label,
                slices.size(), sliceSeconds, meanPost(), meanPgbench(), ratio(), lowestSliceRatio(), highestSliceRatio());
    }
}

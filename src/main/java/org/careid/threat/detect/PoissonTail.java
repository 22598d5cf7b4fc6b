package org.careid.threat.detect;

/** Upper tail of the Poisson distribution, the "how surprising is this count" measure of bursts. */
final class PoissonTail {
    private PoissonTail() {}

    /** P(X >= k) for X ~ Poisson(mean); summed in log space so large k and small means are safe. */
    static double atLeast(int k, double mean) {
        if (k <= 0) {
            return 1.0;
        }
        if (mean <= 0) {
            return 0.0;
        }
        double logTerm = -mean + k * Math.log(mean) - logFactorial(k);
        double sum = 0;
        for (int i = k; i < k + 400; i++) {
            double term = Math.exp(logTerm);
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
            logTerm += Math.log(mean) - Math.log(i + 1);
        }
        return Math.min(1.0, sum);
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }
}

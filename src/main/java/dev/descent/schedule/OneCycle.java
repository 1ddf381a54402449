package dev.descent.schedule;

/**
 * torch 1.13 OneCycleLR.get_lr for last_epoch = t, arithmetic in torch's order. Stateless: any t
 * in any order. Past totalSteps (an error in torch) the end of the cycle holds.
 */
final class OneCycle implements Schedule {

    private final int total;
    private final double[] ends;
    private final double[] startRates, endRates, startMomenta, endMomenta;
    private final boolean linear, cycleMomentum;

    OneCycle(int total, double[] ends, double initial, double max, double min, boolean linear,
             boolean cycleMomentum, double base, double top) {
        this.total = total;
        this.ends = ends;
        this.linear = linear;
        this.cycleMomentum = cycleMomentum;
        if (ends.length == 3) {
            startRates = new double[] {initial, max, initial};
            endRates = new double[] {max, initial, min};
            startMomenta = new double[] {top, base, top};
            endMomenta = new double[] {base, top, top};
        } else {
            startRates = new double[] {initial, max};
            endRates = new double[] {max, min};
            startMomenta = new double[] {top, base};
            endMomenta = new double[] {base, top};
        }
    }

    /** The phases' end steps as torch computes them: float(pct·T) − 1, float(2·pct·T) − 2, T − 1. */
    static double[] phaseEnds(double pctStart, int totalSteps, boolean threePhase) {
        return threePhase
                ? new double[] {pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1}
                : new double[] {pctStart * totalSteps - 1, totalSteps - 1};
    }

    @Override
    public double at(long step) {
        int last = ends.length - 1;
        if (step > total) return endRates[last];
        int i = phase(step);
        return anneal(startRates[i], endRates[i], fraction(step, i));
    }

    @Override
    public double momentumAt(long step) {
        if (!cycleMomentum) return Double.NaN;
        int last = ends.length - 1;
        if (step > total) return endMomenta[last];
        int i = phase(step);
        return anneal(startMomenta[i], endMomenta[i], fraction(step, i));
    }

    private int phase(long step) {
        if (step < 0) throw new IllegalArgumentException("step must be non-negative: " + step);
        int i = 0;
        while (i < ends.length - 1 && step > ends[i]) i++;
        return i;
    }

    private double fraction(long step, int phase) {
        double start = phase == 0 ? 0 : ends[phase - 1];
        return (step - start) / (ends[phase] - start);
    }

    private double anneal(double start, double end, double pct) {
        if (linear) return (end - start) * pct + start;     // _annealing_linear
        double cosOut = Math.cos(Math.PI * pct) + 1;         // _annealing_cos
        return end + (start - end) / 2.0 * cosOut;
    }
}

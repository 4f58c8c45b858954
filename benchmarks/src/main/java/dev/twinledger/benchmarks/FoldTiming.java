package dev.twinledger.benchmarks;

import dev.twinledger.policies.grant.AccessState;

/**
 * Times one {@link dev.twinledger.policies.history.AccessHistory} fold of a generated history, for sizes where JMH
 * would take too long: {@code FoldTiming <grants> [<users> <groups>]}.
 */
public final class FoldTiming {

    private FoldTiming() {
    }

    public static void main(String[] args) {
        int grants = Integer.parseInt(args[0]);
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int groups = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        AccessState state = AccessStateGenerator.generate(users, groups, grants, 42L);
        AccessHistoryEvents events = AccessHistoryEvents.of(state);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            events.fold();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("fold of %d events (%d grants): %.3f s, %.0f events/s%n", events.size(), grants,
                    seconds, events.size() / seconds);
        }
    }
}

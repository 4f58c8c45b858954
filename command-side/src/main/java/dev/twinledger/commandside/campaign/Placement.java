package dev.twinledger.commandside.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a host's VMs go while it is upgraded: best fit, largest VM first. Each VM goes to the candidate with the least
 * free memory that still holds it (ties go to the earlier candidate), counting what this plan already put there; so
 * big holes stay free for big VMs. Preference order only breaks ties: an upgraded host with less room left than a
 * temporary one is filled first. Pure: it sees only the numbers it is given.
 */
final class Placement {

    private Placement() {
    }

    /**
     * A host that may take VMs, in preference order.
     *
     * @param hostId  the host
     * @param freeMib its free memory before this plan
     */
    record Candidate(String hostId, long freeMib) {
    }

    /** One VM placed on a candidate. */
    record Move(String vmId, long memoryMib, String toHostId) {
    }

    /**
     * The outcome: either every VM placed ({@code unplaced} null), or the first VM that fits nowhere.
     *
     * @param moves       the placements, largest VM first; empty when a VM fits nowhere
     * @param unplaced    the VM that fits nowhere, or null
     * @param unplacedMib its memory
     * @param largestFree the largest free memory left on any candidate when it was tried
     */
    record Plan(List<Move> moves, String unplaced, long unplacedMib, long largestFree) {

        boolean complete() {
            return unplaced == null;
        }
    }

    static Plan plan(Map<String, Long> allocations, List<Candidate> candidates) {
        Map<String, Long> free = new LinkedHashMap<>();
        candidates.forEach(candidate -> free.merge(candidate.hostId(), candidate.freeMib(), (a, b) -> a));
        List<Map.Entry<String, Long>> vms = new ArrayList<>(allocations.entrySet());
        vms.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<Move> moves = new ArrayList<>();
        for (Map.Entry<String, Long> vm : vms) {
            String best = null;
            for (Map.Entry<String, Long> candidate : free.entrySet()) {
                boolean fits = candidate.getValue() >= vm.getValue();
                if (fits && (best == null || candidate.getValue() < free.get(best))) {
                    best = candidate.getKey();
                }
            }
            if (best == null) {
                long largest = free.values().stream().mapToLong(Long::longValue).max().orElse(0);
                return new Plan(List.of(), vm.getKey(), vm.getValue(), largest);
            }
            free.merge(best, -vm.getValue(), Long::sum);
            moves.add(new Move(vm.getKey(), vm.getValue(), best));
        }
        return new Plan(List.copyOf(moves), null, 0, 0);
    }
}

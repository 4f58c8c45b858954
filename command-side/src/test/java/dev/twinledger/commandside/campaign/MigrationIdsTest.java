package dev.twinledger.commandside.campaign;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.commandside.campaign.MigrationIds.Direction;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationIdsTest {

    private static final String LONGEST = "x".repeat(64);

    @Test
    void theSameMoveAlwaysGetsTheSameId() {
        assertThat(MigrationIds.of("c1", "h1", "vm-1", Direction.OUT, 1))
                .isEqualTo(MigrationIds.of("c1", "h1", "vm-1", Direction.OUT, 1));
    }

    @Test
    void everyPartOfTheMoveMakesADifferentId() {
        Set<String> ids = new HashSet<>();
        ids.add(MigrationIds.of("c1", "h1", "vm-1", Direction.OUT, 1));
        ids.add(MigrationIds.of("c2", "h1", "vm-1", Direction.OUT, 1));
        ids.add(MigrationIds.of("c1", "h2", "vm-1", Direction.OUT, 1));
        ids.add(MigrationIds.of("c1", "h1", "vm-2", Direction.OUT, 1));
        ids.add(MigrationIds.of("c1", "h1", "vm-1", Direction.BACK, 1));
        ids.add(MigrationIds.of("c1", "h1", "vm-1", Direction.OUT, 2));
        // Joining without a separator would make these two the same.
        ids.add(MigrationIds.of("c1", "h1x", "vm", Direction.OUT, 1));
        ids.add(MigrationIds.of("c1", "h1", "xvm", Direction.OUT, 1));
        assertThat(ids).hasSize(8);
    }

    @Test
    void idsAreValidResourceIdsEvenForTheLongestInputs() {
        String id = MigrationIds.of(LONGEST, LONGEST, LONGEST, Direction.BACK, 10);
        assertThat(ResourceIds.isValid(id)).as(id).isTrue();
    }
}

package dev.twinledger.projections.support;

import dev.twinledger.projections.testing.TestDatabase;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchedInsertsTest {

    private static TestDatabase database;
    private static JdbcTemplate jdbc;
    private BatchedInserts rows;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create(BatchedInsertsTest.class);
        jdbc = new JdbcTemplate(database.dataSource());
        jdbc.execute("CREATE TABLE batched (id BIGINT PRIMARY KEY, tags TEXT[])");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTable() {
        jdbc.execute("TRUNCATE batched");
        rows = new BatchedInserts(jdbc,
                "INSERT INTO batched (id, tags) VALUES (?, ?) ON CONFLICT (id) DO NOTHING");
    }

    @Test
    void rowsAreWrittenWhenTheUnitOfWorkCommitsNotBefore() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("e"));
        List<Long> seenBeforeCommit = new ArrayList<>();
        unitOfWork.execute(() -> {
            rows.add(1L, new String[] {"a", "b"});
            rows.add(2L, new String[] {});
            seenBeforeCommit.add(count());
        });

        assertThat(seenBeforeCommit).containsExactly(0L);
        assertThat(count()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT array_length(tags, 1) FROM batched WHERE id = 1", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void aRolledBackUnitOfWorkWritesNothing() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("e"));
        rows.add(3L, new String[] {"x"});
        unitOfWork.rollback();

        assertThat(count()).isZero();
    }

    @Test
    void outsideAUnitOfWorkEachRowIsWrittenAtOnceAndRepeatsChangeNothing() {
        rows.add(4L, new String[] {"y"});
        rows.add(4L, new String[] {"z"});

        assertThat(count()).isEqualTo(1);
    }

    private static long count() {
        return jdbc.queryForObject("SELECT count(*) FROM batched", Long.class);
    }
}

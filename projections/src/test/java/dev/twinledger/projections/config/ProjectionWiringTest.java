package dev.twinledger.projections.config;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.twinledger.projections.testing.ProjectionHarness;
import dev.twinledger.projections.tracking.ProjectionProcessors;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every projection runs in the one read-model processor, is a bean of {@link ProjectionsConfiguration} (so the
 * service runs it) and is in the test harness (so the handler tests run it the same way).
 */
class ProjectionWiringTest {

    private static final Set<Class<?>> PROJECTIONS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.twinledger.projections")
            .stream()
            .filter(c -> c.isAnnotatedWith(ProcessingGroup.class))
            .map(JavaClass::reflect)
            .collect(Collectors.toSet());

    @Test
    void everyProjectionIsInTheReadModelProcessor() {
        assertThat(PROJECTIONS).hasSizeGreaterThanOrEqualTo(7);
        assertThat(PROJECTIONS).allSatisfy(projection ->
                assertThat(projection.getAnnotation(ProcessingGroup.class).value()).as(projection.getSimpleName())
                        .isEqualTo(ProjectionProcessors.READ_MODEL));
    }

    @Test
    void everyProjectionIsABeanOfTheConfiguration() {
        Set<Class<?>> beans = Arrays.stream(ProjectionsConfiguration.class.getMethods())
                .filter(method -> method.isAnnotationPresent(Bean.class))
                .map(Method::getReturnType)
                .collect(Collectors.toSet());

        assertThat(beans).containsAll(PROJECTIONS);
    }

    @Test
    void everyProjectionIsInTheHarness() {
        // Constructing a projection opens no connection.
        DataSource unused = new PGSimpleDataSource();
        Set<Class<?>> inHarness = ProjectionHarness.PROJECTIONS.stream()
                .map(factory -> factory.apply(unused).getClass())
                .collect(Collectors.toSet());

        assertThat(inHarness).isEqualTo(PROJECTIONS);
    }
}

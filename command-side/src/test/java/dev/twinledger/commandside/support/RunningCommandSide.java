package dev.twinledger.commandside.support;

import dev.twinledger.commandside.CommandSideApplication;
import jakarta.servlet.Filter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The whole service, started as {@code java -jar} would start it (real Tomcat on random ports, real PostgreSQL, real
 * Kafka), so a test can stop it and start it again on the same store. Requests go through {@link #mvc()} (the real
 * filter chain, with spring-security-test tokens) or over real HTTP to {@link #api(String)} and
 * {@link #management(String)}.
 */
public final class RunningCommandSide implements AutoCloseable {

    /** The site id every test instance records as the handling site. */
    public static final String SITE_ID = "dc-test";
    /** The first bootstrap admin of the test configuration ({@code Tokens.withRealmRole("access-admin")}). */
    public static final String FIRST_ADMIN = "user-access-admin";
    /** The second bootstrap admin, who approves privileged grants. */
    public static final String SECOND_ADMIN = "second-admin";

    private final ConfigurableApplicationContext context;
    private final MockMvc mvc;

    private RunningCommandSide(ConfigurableApplicationContext context) {
        this.context = context;
        Filter correlation = context.getBean("correlationIdFilter", FilterRegistrationBean.class).getFilter();
        this.mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                .addFilters(correlation)
                .apply(springSecurity())
                .build();
    }

    /**
     * Starts the service on {@code database}, publishing to {@code topic} at {@code kafkaBootstrap}; {@code extra}
     * are more {@code --key=value} arguments, which win over these.
     */
    public static RunningCommandSide start(TestDatabase database, String kafkaBootstrap, String topic,
                                           String... extra) {
        return start(database, kafkaBootstrap, topic, List.of(), extra);
    }

    /**
     * As {@link #start(TestDatabase, String, String, String...)}, with {@code initializers} applied to the context
     * before it is refreshed (to register a test double of a collaborator, for example).
     */
    public static RunningCommandSide start(TestDatabase database, String kafkaBootstrap, String topic,
                                           List<ApplicationContextInitializer<?>> initializers, String... extra) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("server.port", "0");
        args.put("management.server.port", "0");
        args.put("spring.datasource.url", database.url());
        args.put("twinledger.site-id", SITE_ID);
        args.put("twinledger.kafka.bootstrap-servers", kafkaBootstrap);
        args.put("twinledger.kafka.topic", topic);
        args.put("twinledger.kafka.send-timeout", "6s");
        for (String argument : extra) {
            String[] keyValue = argument.replaceFirst("^--", "").split("=", 2);
            args.put(keyValue[0], keyValue[1]);
        }
        RunningCommandSide service = new RunningCommandSide(new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(initializers.toArray(ApplicationContextInitializer[]::new))
                .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new)));
        service.grantTheTestUsersTheirRoles();
        return service;
    }

    /**
     * Every command is checked against grants: as the bootstrap admins of the test configuration, give the users of
     * {@link Tokens#withRealmRole} their namesake role everywhere (platform-admin approved by the second admin), as
     * the local run does for the realm's users. Idempotent: on a restarted store the grants exist already (409).
     */
    private void grantTheTestUsersTheirRoles() {
        try {
            for (String role : List.of("viewer", "operator", "platform-admin", "auditor")) {
                String grantId = "test-" + role;
                int status = mvc.perform(post("/api/access/grants").with(Tokens.as(FIRST_ADMIN, "access-admin"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"grantId\": \"" + grantId + "\", \"principal\": {\"kind\": \"USER\","
                                        + " \"id\": \"user-" + role + "\"}, \"role\": \"" + role + "\","
                                        + " \"justification\": \"test user\"}"))
                        .andReturn().getResponse().getStatus();
                if (status == 201 && role.equals("platform-admin")) {
                    status = mvc.perform(post("/api/access/grants/" + grantId + "/approve")
                            .with(Tokens.as(SECOND_ADMIN, "access-admin"))).andReturn().getResponse().getStatus();
                }
                if (status != 200 && status != 201 && status != 409) {
                    throw new IllegalStateException("granting " + role + " to the test user answered " + status);
                }
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("could not give the test users their grants", e);
        }
    }

    public MockMvc mvc() {
        return mvc;
    }

    /** A URI on the API port. */
    public URI api(String path) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path);
    }

    /** A URI on the management (actuator) port. */
    public URI management(String path) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port")
                + path);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public boolean hasBean(String name) {
        return context.containsBean(name);
    }

    @Override
    public void close() {
        context.close();
    }
}

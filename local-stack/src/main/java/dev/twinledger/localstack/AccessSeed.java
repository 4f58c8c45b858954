package dev.twinledger.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Gives the realm's test users their namesake role everywhere, through the command API, the way the two bootstrap
 * admins would by hand: {@code access-admin} requests each grant, and {@code access-admin-2} approves the privileged
 * ones (a second person must). Used by the local run and the system tests so that the users can work as their
 * realm role suggests; {@code dc1-operator} and {@code norole} get nothing. Idempotent: a grant that already exists
 * (409) is left as it is.
 */
public final class AccessSeed {

    /** The first bootstrap admin; requests the seeded grants. */
    public static final String FIRST_ADMIN = "access-admin";
    /** The second bootstrap admin; approves the privileged ones. */
    public static final String SECOND_ADMIN = "access-admin-2";
    /** The command side's {@code twinledger.access.bootstrap-admins} for the local run and the system tests. */
    public static final String BOOTSTRAP_ADMINS = FIRST_ADMIN + "," + SECOND_ADMIN;
    /** The roles whose grants wait for a second person (the default privileged roles). */
    static final Set<String> PRIVILEGED = Set.of("access-admin", "platform-admin");

    /** One seeded grant: {@code role} everywhere for {@code username}. */
    public record Seed(String username, String role) {

        String grantId() {
            return "seed-" + username;
        }
    }

    /** The realm's test users and the automation client's service account, each with its namesake role. */
    public static final List<Seed> TEST_USERS = List.of(
            new Seed("viewer", "viewer"),
            new Seed("operator", "operator"),
            new Seed("platform-admin", "platform-admin"),
            new Seed("auditor", "auditor"),
            new Seed("service-account-twinledger-automation", "operator"));

    private static final Duration RETRY_FOR = Duration.ofSeconds(60);

    private AccessSeed() {
    }

    /**
     * Requests (and where needed approves) each grant. Retries for a while when the command side answers 403 or
     * 503: right after start it may not have stored its bootstrap grants yet.
     *
     * @param commandApi the command side's base URL, e.g. {@code http://localhost:8081}
     * @param tokenFor   a bearer token for a realm user, by username
     * @return how many grants were created now
     * @throws IllegalStateException when a grant is refused for another reason
     */
    public static int grantEverywhere(URI commandApi, Function<String, String> tokenFor, List<Seed> seeds) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int created = 0;
        for (Seed seed : seeds) {
            String body = "{\"grantId\":\"" + seed.grantId() + "\",\"principal\":{\"kind\":\"USER\",\"id\":\""
                    + seed.username() + "\"},\"role\":\"" + seed.role() + "\",\"scope\":{},\"justification\":"
                    + "\"test user of the local realm\"}";
            int status = post(http, commandApi.resolve("/api/access/grants"), tokenFor.apply(FIRST_ADMIN), body);
            if (status == 409) {
                continue;
            }
            created++;
            if (PRIVILEGED.contains(seed.role())) {
                int approved = post(http, commandApi.resolve("/api/access/grants/" + seed.grantId() + "/approve"),
                        tokenFor.apply(SECOND_ADMIN), "{}");
                if (approved == 409) {
                    throw new IllegalStateException("grant " + seed.grantId() + " could not be approved (409)");
                }
            }
        }
        return created;
    }

    private static int post(HttpClient http, URI uri, String token, String body) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException("POST " + uri + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while seeding grants", e);
            }
            int status = response.statusCode();
            if (status / 100 == 2 || status == 409) {
                return status;
            }
            boolean notReadyYet = status == 403 || status == 503;
            if (!notReadyYet || System.nanoTime() > deadline) {
                throw new IllegalStateException("POST " + uri + " answered " + status + ": " + response.body());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while seeding grants", e);
            }
        }
    }
}

package dev.twinledger.commandside.config;

import dev.twinledger.commandside.inventory.CapacityThresholds;
import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Capacity alert thresholds ({@code twinledger.capacity.*}), in percent of the memory a host offers to VMs. The
 * service refuses to start unless {@code 0 < warning-percent < critical-percent <= 100}.
 *
 * @param warningPercent  utilisation at which a host raises a WARNING alert
 * @param criticalPercent utilisation at which a host raises a CRITICAL alert
 */
@Validated
@ConfigurationProperties("twinledger.capacity")
public record CapacityProperties(
        @DefaultValue("80") double warningPercent,
        @DefaultValue("90") double criticalPercent) {

    /** The thresholds as the hosts use them. */
    public CapacityThresholds thresholds() {
        return new CapacityThresholds(warningPercent, criticalPercent);
    }

    @AssertTrue(message = "must satisfy 0 < warning-percent < critical-percent <= 100")
    boolean isOrdered() {
        // Written so that NaN fails every comparison and is refused too.
        return warningPercent > 0 && warningPercent < criticalPercent && criticalPercent <= 100;
    }
}

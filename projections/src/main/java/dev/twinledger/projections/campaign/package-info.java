/** Upgrade campaigns: progress, host phases, failed moves and the closing report. */
package dev.twinledger.projections.campaign;

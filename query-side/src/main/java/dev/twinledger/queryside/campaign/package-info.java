/** Upgrade campaign queries: progress, per-host phases, failed moves and the closing report. */
package dev.twinledger.queryside.campaign;

/**
 * Internal: how a plan is carried out (lock, history table, re-plan, one transaction per migration). Not part of the
 * library's API; applications go through {@link dev.godwit.Godwit}. Public only because the facade lives in another
 * package; it may change in any release.
 */
package dev.godwit.execute;

/**
 * Security events the feature packages publish (authentication attempts, token misuse, device
 * versions, break-glass uses) and threat detection observes. Low level on purpose: it imports no
 * feature package, so publishers never depend on their observers.
 */
package org.careid.events;

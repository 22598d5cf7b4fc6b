package org.careid;

public final class CareIdApplication {
    private CareIdApplication() {}
}

package org.careid.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test (META-INF/services; quarkus-junit turns JUnit extension auto-detection on): installs
 * {@link ErrorBodyScanner} before each test and fails the test when any error body it received
 * carried server internals. Quarkus tests run in their own class loader, with their own copy of
 * REST Assured, so the scanner is reached through the test class's loader.
 */
public class NoInternalsInErrors implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        scanner(context).getMethod("install").invoke(null);
        scanner(context).getMethod("takeLeaks").invoke(null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) throws Exception {
        Method take = scanner(context).getMethod("takeLeaks");
        List<String> leaks = (List<String>) take.invoke(null);
        if (!leaks.isEmpty()) {
            fail("error bodies carried server internals:\n  " + String.join("\n  ", leaks));
        }
    }

    private static Class<?> scanner(ExtensionContext context) throws ClassNotFoundException {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        return Class.forName(ErrorBodyScanner.class.getName(), true, loader);
    }
}

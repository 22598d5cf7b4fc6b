package org.careid.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.careid.support.ResourceServerKey;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint of CareID against every principal, generated from the JAX-RS model (each
 * {@code @Path} class of org.careid and its resource methods, read from the compiled classes), so
 * a new endpoint is covered without anyone adding it here. A caller without an allowed role is
 * refused (401 without credentials, 403 with them); a caller with one gets past security (any
 * status but 401 or 403). An endpoint without a security annotation allows nobody
 * ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}).
 */
@QuarkusTest
class RoleMatrixTest {
    enum Who { ANONYMOUS, ADMIN, ENROLLER, AUDITOR, DEVICE, RESOURCE_SERVER }

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Pattern TEMPLATE = Pattern.compile("\\{[^}]+}");

    /** One resource method: how to call it, and who may. {@code allowed} is empty for nobody, null for everybody. */
    record Endpoint(String method, String path, String consumes, Set<Who> allowed, String javaMethod) {
        boolean permitAll() {
            return allowed == null;
        }
    }

    static List<Endpoint> endpoints() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.careid");
        List<Endpoint> list = new ArrayList<>();
        for (JavaClass resource : classes) {
            Optional<JavaAnnotation<JavaClass>> classPath = resource.tryGetAnnotationOfType("jakarta.ws.rs.Path");
            if (classPath.isEmpty() || resource.isInterface() || resource.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
                continue;
            }
            for (JavaMethod m : resource.getMethods()) {
                Optional<String> verb = HTTP_METHODS.stream().filter(h -> m.isAnnotatedWith("jakarta.ws.rs." + h)).findFirst();
                if (verb.isEmpty()) {
                    continue;
                }
                String path = join(value(classPath.get()), m.tryGetAnnotationOfType("jakarta.ws.rs.Path").map(RoleMatrixTest::value).orElse(""));
                String consumes = m.tryGetAnnotationOfType("jakarta.ws.rs.Consumes").map(a -> a.get("value").orElseThrow())
                        .or(() -> resource.tryGetAnnotationOfType("jakarta.ws.rs.Consumes").map(a -> a.get("value").orElseThrow()))
                        .map(v -> ((String[]) v)[0]).orElse(ContentType.JSON.toString());
                list.add(new Endpoint(verb.get(), fill(path), consumes, allowed(resource, m), resource.getSimpleName() + "." + m.getName()));
            }
        }
        return list;
    }

    /** Method annotations win over class annotations, as in Quarkus; none at all allows nobody. */
    private static Set<Who> allowed(JavaClass resource, JavaMethod m) {
        for (boolean onMethod : new boolean[] {true, false}) {
            com.tngtech.archunit.core.domain.properties.CanBeAnnotated target = onMethod ? m : resource;
            if (target.isAnnotatedWith("jakarta.annotation.security.PermitAll")) {
                return null;
            }
            if (target.isAnnotatedWith("jakarta.annotation.security.DenyAll")) {
                return EnumSet.noneOf(Who.class);
            }
            if (target.isAnnotatedWith("jakarta.annotation.security.RolesAllowed")) {
                JavaAnnotation<?> a = onMethod ? m.getAnnotationOfType("jakarta.annotation.security.RolesAllowed")
                        : resource.getAnnotationOfType("jakarta.annotation.security.RolesAllowed");
                Set<Who> who = EnumSet.noneOf(Who.class);
                Arrays.stream((String[]) a.get("value").orElseThrow()).forEach(r -> who.add(Who.valueOf(r)));
                return who;
            }
        }
        return EnumSet.noneOf(Who.class);
    }

    private static String value(JavaAnnotation<?> path) {
        return (String) path.get("value").orElse("");
    }

    private static String join(String a, String b) {
        String joined = ("/" + a + "/" + b).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** Path parameters get a random UUID: it matches every template, and names nothing that exists. */
    private static String fill(String path) {
        Matcher matcher = TEMPLATE.matcher(path);
        StringBuilder sb = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(sb, UUID.randomUUID().toString());
        }
        matcher.appendTail(sb);
        return sb.toString();
    }

    private DeviceKey device;
    private ResourceServerKey resourceServer;

    @Test
    void anEndpointWithoutASecurityAnnotationRefusesEveryone() {
        assertTrue(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.security.jaxrs.deny-unannotated-endpoints", Boolean.class).orElse(false),
                "quarkus.security.jaxrs.deny-unannotated-endpoints is off: a forgotten @RolesAllowed would open an endpoint");
    }

    @Test
    void everyEndpointRefusesEveryRoleItDoesNotAllow() {
        device = Api.provisionedDevice();
        resourceServer = ResourceServerKey.register();
        List<Endpoint> endpoints = endpoints();
        assertTrue(endpoints.size() >= 73, "only " + endpoints.size() + " endpoints found in the JAX-RS model");
        List<String> failures = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (Who who : Who.values()) {
                int status = call(who, e);
                boolean refused = status == 401 || status == 403;
                if (e.permitAll()) {
                    continue; // open to everyone: nothing to refuse (login, discovery, kiosk settings...)
                }
                if (e.allowed().contains(who)) {
                    if (refused) {
                        failures.add(e + " as " + who + ": " + status + " (should be allowed)");
                    }
                } else if (status != (who == Who.ANONYMOUS ? 401 : 403)) {
                    failures.add(e + " as " + who + ": " + status + " (should be " + (who == Who.ANONYMOUS ? 401 : 403) + ")");
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }

    private int call(Who who, Endpoint e) {
        RequestSpecification request = switch (who) {
            case ANONYMOUS -> given();
            case DEVICE -> Api.asDevice(device);
            case RESOURCE_SERVER -> Api.asDevice(resourceServer.key);
            default -> given().header("Authorization", "Bearer " + Api.operator(who.name()));
        };
        if (e.consumes().startsWith("multipart/")) {
            request = request.contentType("multipart/form-data").multiPart("scope", "patient/*.read");
        } else if (e.consumes().startsWith(ContentType.URLENC.toString())) {
            request = request.contentType(ContentType.URLENC).formParam("token", "x");
        } else if (!e.method().equals("GET") && !e.method().equals("DELETE")) {
            request = request.contentType(e.consumes()).body("{}");
        }
        int status = request.request(e.method(), e.path()).then().extract().statusCode();
        if (e.path().endsWith("/logout")) {
            Api.forgetTokens(); // a log-out ended the cached operator sessions
        }
        return status;
    }
}

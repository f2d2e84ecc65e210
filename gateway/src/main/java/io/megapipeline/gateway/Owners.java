package io.megapipeline.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.megapipeline.core.PromptId;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Who owns which prompt. Each browser gets an unguessable token in a cookie on its first request (128
 * random bits, HttpOnly, SameSite=Strict, Secure over https); the prompts it uploads are its own. The store
 * keeps each prompt's owner as an empty object {@code owners/{id}/{owner}}, where the owner is a digest of
 * the token (so that whoever reads the store cannot speak as the browser), and one listing gives them all
 * back at start-up.
 */
@ApplicationScoped
public class Owners {

    static final String COOKIE = "mega-pipeline-owner";
    /** The owner of a prompt that has none in the store (written past the gateway): it shows only in class mode. */
    static final String NOBODY = "";
    static final String PREFIX = "owners/";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final String VIEWER = Viewer.class.getName();
    /** The longest a browser keeps a cookie. */
    private static final Duration LIFETIME = Duration.ofDays(400);

    /** A prompt and its owner, as the key of its owner object says. */
    record Owned(PromptId id, String owner) {
    }

    private final SecureRandom random = new SecureRandom();
    private final boolean seesAll;
    private final Optional<byte[]> adminToken;

    Owners(GatewayConfig config) {
        this.seesAll = config.visibility() == GatewayConfig.Visibility.CLASS;
        this.adminToken = config.adminToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** First of all: every request but the management paths knows its viewer, and a new browser gets its token. */
    void install(@Observes Router router) {
        router.route().order(GatewayRoutes.OWNER).handler(ctx -> {
            if (!ctx.request().path().startsWith("/q/")) {
                ctx.put(VIEWER, new Viewer(digest(token(ctx)), seesAll));
            }
            ctx.next();
        });
    }

    static Viewer viewer(RoutingContext ctx) {
        return ctx.get(VIEWER);
    }

    /** In class mode, whether the request carries the admin token; nobody has it when none is set. */
    boolean isAdmin(String authorization) {
        return adminToken.isPresent() && authorization != null && authorization.startsWith("Bearer ")
                && MessageDigest.isEqual(adminToken.get(), authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    boolean hasAdminToken() {
        return adminToken.isPresent();
    }

    static String key(PromptId id, String owner) {
        return prefix(id) + owner;
    }

    static String prefix(PromptId id) {
        return PREFIX + id + "/";
    }

    /** The prompt and owner of an owner object's key; empty for any other key. */
    static Optional<Owned> parse(String key) {
        String[] parts = key.startsWith(PREFIX) ? key.substring(PREFIX.length()).split("/", -1) : new String[0];
        if (parts.length != 2 || !TOKEN.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Owned(PromptId.of(parts[0]), parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The browser's token, or a new one set as its cookie. */
    private String token(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie != null && TOKEN.matcher(cookie.getValue()).matches()) {
            return cookie.getValue();
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = base64(bytes);
        ctx.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(isHttps(ctx.request())).setMaxAge(LIFETIME.toSeconds()));
        return token;
    }

    private static boolean isHttps(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    /** 128 bits of the token's SHA-256, the same length and alphabet as a token. */
    static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return base64(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package io.contextuate.monitor.sql;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords written inside a JDBC URL: {@code password=} and the vendors' other secret parameters (pgjdbc's
 * {@code sslpassword}, Connector/J's {@code password1..3}, {@code trustCertificateKeyStorePassword}, ...), in a query
 * string or in Connector/J's {@code (key=value)} host forms, and the {@code user:password@} user-info. They are lifted
 * out of the URL into the settings' password and driver properties, so neither the pool, the driver nor a message
 * ever sees a URL that holds one; {@link #mask} hides any that reach a text another way.
 */
final class JdbcUrlSecrets {

    /** A key naming a secret: password, passwd, pwd, or a key ending in one of them. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password[0-9]?|passwd|pwd)");
    /** key=value inside a URL (query string, or a Connector/J host's parentheses). */
    private static final Pattern PARAMETER = Pattern.compile(
            "([?&;(,]\\s*)([A-Za-z0-9_.\\-]*(?i:password[0-9]?|passwd|pwd))(\\s*=\\s*)([^&;),\\s]*)");
    /** user:password@ after the scheme's two slashes. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?#@:\\s]*):([^/?#@\\s]*)@");

    private JdbcUrlSecrets() {
    }

    /** Whether a driver property of this name holds a secret. */
    static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** Any text with every password a JDBC URL inside it might hold replaced by {@code ****}. */
    static String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":****@"));
        return PARAMETER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + m.group(3) + (m.group(4).isEmpty() ? "" : "****")));
    }

    /**
     * The settings with the URL's secrets moved out of it: the user-info's user and password, {@code password=} to
     * the password, other secret parameters to the driver properties. A value in the URL wins, as it does for the
     * drivers.
     */
    static DatabaseSettings lift(DatabaseSettings s) {
        if (s.url() == null) {
            return s;
        }
        String url = s.url();
        String user = s.user();
        String password = s.password();
        Map<String, String> properties = new LinkedHashMap<>(s.properties());
        Matcher info = USER_INFO.matcher(url);
        if (info.find()) {
            String userPart = info.group(1).substring(2);
            if (!userPart.isEmpty()) {
                user = decode(userPart);
            }
            password = decode(info.group(2));
            url = url.substring(0, info.start()) + "//" + url.substring(info.end());
        }
        Matcher p = PARAMETER.matcher(url);
        StringBuilder clean = new StringBuilder();
        int last = 0;
        while (p.find()) {
            String key = p.group(2);
            String value = decode(p.group(4));
            if (key.toLowerCase(Locale.ROOT).equals("password")) {
                password = value;
            } else {
                properties.put(key, value);
            }
            clean.append(url, last, p.start());
            // keep the separator that starts a query or a host's key list; drop the one before a later parameter
            String separator = p.group(1).trim();
            if (separator.equals("?") || separator.equals("(")) {
                clean.append(separator);
                last = skipFollowingSeparator(url, p.end());
            } else {
                last = p.end();
            }
        }
        clean.append(url.substring(last));
        String cleaned = clean.toString().replace("?&", "?").replace("(,", "(").replace("()", "");
        if (cleaned.endsWith("?")) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        if (cleaned.equals(s.url()) && user == s.user() && password == s.password()) {
            return s;
        }
        return new DatabaseSettings(cleaned, s.host(), s.port(), s.database(), user,
                password == null || password.isEmpty() ? s.password() : password, s.tables(), s.autoMigrate(),
                s.pool(), s.sslMode(), s.sslRootCert(), s.connectTimeout(), s.socketTimeout(), properties, s.path(),
                s.hosts());
    }

    private static int skipFollowingSeparator(String url, int at) {
        return at < url.length() && (url.charAt(at) == '&' || url.charAt(at) == ',' || url.charAt(at) == ';')
                ? at + 1 : at;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return value;
        }
    }
}

package io.contextuate.monitor.sql.internal;

import io.contextuate.monitor.spi.ConfigurationException;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the JDBC driver for a URL where a store's classes are: the {@code java.sql.Driver} services of the store's
 * class loader (a plugin's own jars, then its parents), then the drivers {@link DriverManager} already holds.
 */
public final class JdbcDrivers {

    private JdbcDrivers() {
    }

    /**
     * The driver that accepts {@code jdbcUrl}.
     *
     * @param jdbcUrl  the JDBC URL
     * @param loader   the store's class loader (a plugin's), searched first
     * @param shownUrl the URL as messages show it (password masked)
     * @throws ConfigurationException when no driver accepts the URL, naming it and every class loader searched
     */
    public static Driver find(String jdbcUrl, ClassLoader loader, String shownUrl) {
        List<String> seen = new ArrayList<>();
        Iterator<Driver> services = ServiceLoader.load(Driver.class, loader).iterator();
        while (true) {
            Driver driver;
            try {
                if (!services.hasNext()) {
                    break;
                }
                driver = services.next();
            } catch (ServiceConfigurationError e) {
                seen.add("(a driver that cannot be loaded: " + e.getMessage() + ")");
                continue;
            }
            if (accepts(driver, jdbcUrl)) {
                return driver;
            }
            seen.add(driver.getClass().getName());
        }
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (accepts(driver, jdbcUrl)) {
                return driver;
            }
            if (!seen.contains(driver.getClass().getName())) {
                seen.add(driver.getClass().getName());
            }
        }
        throw new ConfigurationException("No JDBC driver accepts " + shownUrl + ". Searched the class loaders "
                + describe(loader) + " and DriverManager; drivers found: "
                + (seen.isEmpty() ? "none" : String.join(", ", seen))
                + ". Put the driver's jar beside the store's jar (in the plugin's folder under plugins/) or in lib/.");
    }

    private static boolean accepts(Driver driver, String url) {
        try {
            return driver.acceptsURL(url);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A class loader and its parents, each with the jars it reads when it says: {@code plugin x [a.jar] < app}. */
    static String describe(ClassLoader loader) {
        List<String> chain = new ArrayList<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            String name = l.getName() != null ? l.getName() : l.getClass().getName();
            if (l instanceof URLClassLoader urls && urls.getURLs().length > 0) {
                List<String> jars = new ArrayList<>();
                for (URL url : urls.getURLs()) {
                    jars.add(fileName(url));
                }
                name += " " + jars;
            }
            chain.add(name);
        }
        chain.add("bootstrap");
        return String.join(" < ", chain);
    }

    private static String fileName(URL url) {
        try {
            Path path = Path.of(url.toURI()).getFileName();
            return path == null ? url.toString() : path.toString();
        } catch (Exception e) {
            return url.toString();
        }
    }
}

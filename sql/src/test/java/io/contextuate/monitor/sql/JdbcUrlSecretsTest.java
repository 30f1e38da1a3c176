package io.contextuate.monitor.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlSecretsTest {

    private static DatabaseSettings withUrl(String url) {
        return new DatabaseSettings(url, "localhost", 5432, "db", null, null, new SqlTables(null, ""), true,
                new DatabaseSettings.Pool(2, 1, Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMinutes(5)),
                null, null, Duration.ofSeconds(2), Duration.ZERO, Map.of(), null,
                DatabaseHosts.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://h:5432/db?user=u&password=S3cr%26t|jdbc:postgresql://h:5432/db?user=u||S3cr&t",
        "jdbc:postgresql://h/db?password=S3cr%26t|jdbc:postgresql://h/db||S3cr&t",
        "jdbc:postgresql://h/db?password=S3cr%26t&ssl=false|jdbc:postgresql://h/db?ssl=false||S3cr&t",
        "jdbc:mysql://u:S3cr%26t@h:3306/db?useSSL=false|jdbc:mysql://h:3306/db?useSSL=false|u|S3cr&t",
        "jdbc:mysql://(host=h,port=3306,user=u,password=S3cr%26t)/db|jdbc:mysql://(host=h,port=3306,user=u)/db||S3cr&t",
        "jdbc:mysql://(password=S3cr%26t,host=h)/db|jdbc:mysql://(host=h)/db||S3cr&t",
        "jdbc:mysql://address=(host=h)(password=S3cr%26t)/db|jdbc:mysql://address=(host=h)/db||S3cr&t",
        "jdbc:mysql://h/db?PASSWORD=S3cr%26t;x=1|jdbc:mysql://h/db?x=1||S3cr&t",
    })
    void aPasswordInTheUrlMovesToThePasswordAndLeavesTheUrlClean(String url, String clean, String user,
                                                                  String password) {
        DatabaseSettings lifted = JdbcUrlSecrets.lift(withUrl(url));

        assertThat(lifted.url()).isEqualTo(clean);
        assertThat(lifted.password()).isEqualTo(password);
        if (user != null) {
            assertThat(lifted.user()).isEqualTo(user);
        }
        assertThat(lifted.describe()).doesNotContain("S3cr");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://h/db?sslpassword=K3y|sslpassword",
        "jdbc:mysql://h/db?trustCertificateKeyStorePassword=K3y&useSSL=true|trustCertificateKeyStorePassword",
        "jdbc:mysql://h/db?password2=K3y|password2",
    })
    void anotherSecretParameterBecomesADriverPropertyThatRedactionHides(String url, String key) {
        DatabaseSettings lifted = JdbcUrlSecrets.lift(withUrl(url));

        assertThat(lifted.url()).doesNotContain("K3y");
        assertThat(lifted.properties()).containsEntry(key, "K3y");
        assertThat(lifted.redact("driver said: bad key K3y")).isEqualTo("driver said: bad key ****");
        assertThat(lifted.toString()).doesNotContain("K3y");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Failed to get driver instance for jdbcUrl=jdbc:mysql://u:p4ss@h/db|jdbc:mysql://u:****@h/db",
        "cannot open jdbc:postgresql://h/db?user=u&password=p4ss&ssl=true now|password=****&ssl=true now",
        "(host=h,password=p4ss)|(host=h,password=****)",
    })
    void anyUrlInATextHasItsPasswordMasked(String text, String expectedEnd) {
        assertThat(JdbcUrlSecrets.mask(text)).doesNotContain("p4ss").endsWith(expectedEnd);
    }
}

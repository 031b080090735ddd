package dev.godwit.example.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application packaged as an executable jar: at startup the starter migrates
 * {@code spring.datasource.url} from {@code classpath:db/migration}, whose files are spread over the application's
 * own classes and a library jar nested in {@code BOOT-INF/lib}. It prints the users it sees and exits.
 */
@SpringBootApplication
public class BootApp {
    /**
     * Starts, prints the users, stops.
     *
     * @param args Spring Boot arguments, e.g. {@code --spring.datasource.url=jdbc:sqlite:app.db}
     */
    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = SpringApplication.run(BootApp.class, args)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            System.out.println("users: " + jdbc.queryForList("SELECT name FROM users ORDER BY id", String.class));
        }
    }
}

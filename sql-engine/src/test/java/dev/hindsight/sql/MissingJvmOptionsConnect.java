package dev.hindsight.sql;

import java.sql.DriverManager;
import java.sql.SQLException;

/** Child JVM of {@link JdbcJvmOptionsTest}: connects without the JVM options; prints the SQLState and message. */
public final class MissingJvmOptionsConnect {

    public static void main(String[] args) {
        try {
            DriverManager.getConnection("jdbc:hindsight:mem:").close();
            System.out.println("connected");
        } catch (SQLException e) {
            System.out.println(e.getSQLState() + " " + e.getMessage());
        } catch (Throwable t) {
            System.out.println("unexpected " + t);
        }
    }
}

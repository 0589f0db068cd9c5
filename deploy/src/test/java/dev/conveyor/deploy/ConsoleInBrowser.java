package dev.conveyor.deploy;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The console of the server a {@code @SpringBootTest} started on a random port, in a fresh headless browser for each
 * test: before it, the server's API and a user not yet signed in; after it, the browser closed. Register it on an
 * instance field: {@code @RegisterExtension final ConsoleInBrowser console = new ConsoleInBrowser();}
 */
final class ConsoleInBrowser implements BeforeEachCallback, AfterEachCallback {

    private ServerApi server;
    private ConsoleUser user;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = new ServerApi(SpringExtension.getApplicationContext(context).getEnvironment());
        user = new ConsoleUser(server.baseUrl());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (user != null) {
                user.close();
            }
        } finally {
            user = null;
            server = null;
        }
    }

    /** Closes this test's browser and opens a fresh one, signed out, on the same server. */
    void reopen() {
        requireInTest();
        user.close();
        user = null; // so that a browser that fails to start leaves none to close twice
        user = new ConsoleUser(server.baseUrl());
    }

    /** The API of the server under test, to set a scenario up and check its outcome. */
    ServerApi server() {
        requireInTest();
        return server;
    }

    /** This test's user of the console. */
    ConsoleUser user() {
        requireInTest();
        return user;
    }

    /** This test's user's browser. */
    WebDriver browser() {
        return user().browser();
    }

    private void requireInTest() {
        if (user == null) {
            throw new IllegalStateException("no console is open: register this ConsoleInBrowser on an instance field"
                    + " with @RegisterExtension in a @SpringBootTest, and use it from a test or @BeforeEach/@AfterEach");
        }
    }
}

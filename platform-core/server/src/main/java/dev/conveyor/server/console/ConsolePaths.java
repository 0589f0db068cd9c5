package dev.conveyor.server.console;

/** Where the console's pages are. */
final class ConsolePaths {

    static final String HOME = "/console";
    static final String SIGN_IN = "/console/sign-in";
    static final String SIGN_OUT = "/console/sign-out";
    /** Where a refused request (a form post without its CSRF token) is forwarded to be answered with a page. */
    static final String FORBIDDEN = "/console/forbidden";

    private ConsolePaths() {
    }

    static String tenant(String tenantId) {
        return HOME + "/tenants/" + tenantId;
    }
}

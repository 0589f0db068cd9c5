package dev.conveyor.server.stream;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.stream.TrackingLinks;
import dev.conveyor.sdk.Subject;
import dev.conveyor.sdk.TrackingLookup;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * {@code /track?tenant=...}: a customer without a link opens their tracking page with the reference they were given
 * and a detail only they know (a tracking number and the delivery postcode), where the tenant's plugin offers such a
 * lookup. A match redirects to a fresh signed link; a wrong reference and a wrong detail get the same answer, and
 * attempts are counted per reference and per client (on this instance) so that postcodes cannot be guessed.
 */
@Controller
class TrackingLookupController {

    /** Wrong guesses one reference takes per window, from anyone. */
    static final int ATTEMPTS_PER_REFERENCE = 5;
    /** Lookups one client makes per window. */
    static final int ATTEMPTS_PER_CLIENT = 30;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** How long the link a lookup opens lasts: the customer can look again tomorrow. */
    private static final Duration LINK_TTL = Duration.ofDays(1);
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int MAX_FIELD = 64;

    private final ConveyorEngine engine;
    private final TrackingLinks links;
    private final Cache<String, AtomicInteger> attempts = Caffeine.newBuilder().expireAfterWrite(WINDOW)
            .maximumSize(200_000).build();

    TrackingLookupController(ConveyorEngine engine, TrackingLinks links) {
        this.engine = requireNonNull(engine, "engine is null");
        this.links = requireNonNull(links, "links is null");
    }

    @GetMapping(path = "/track", produces = MediaType.TEXT_HTML_VALUE)
    String form(@RequestParam String tenant, Model model) {
        TrackingLookup lookup = lookupOf(tenant);
        fill(model.asMap(), tenant, lookup, "", null);
        return "tracking-lookup";
    }

    @PostMapping(path = "/track", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView lookup(@RequestParam String tenant, @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String proof, HttpServletRequest request, HttpServletResponse response) {
        TrackingLookup lookup = lookupOf(tenant);
        ModelAndView page = new ModelAndView("tracking-lookup");
        String shownReference = reference.length() > MAX_FIELD ? "" : reference;
        if (reference.isBlank() || proof.isBlank() || reference.length() > MAX_FIELD || proof.length() > MAX_FIELD) {
            fill(page.getModelMap(), tenant, lookup, shownReference, "Give both the " + lower(lookup.referenceLabel())
                    + " and the " + lower(lookup.proofLabel()) + " (at most " + MAX_FIELD + " characters each).");
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        }
        String normalReference = reference.strip().replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        boolean overReference = count("ref:" + tenant + ":" + normalReference) > ATTEMPTS_PER_REFERENCE;
        boolean overClient = count("client:" + request.getRemoteAddr()) > ATTEMPTS_PER_CLIENT;
        if (overReference || overClient) {
            response.setHeader("Retry-After", Long.toString(WINDOW.toSeconds()));
            fill(page.getModelMap(), tenant, lookup, shownReference, "Too many attempts. Try again in "
                    + WINDOW.toMinutes() + " minutes, or open the link in the message you were sent.");
            page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
            return page;
        }
        Optional<Subject> found = engine.routes().findTracked(tenant, reference.strip(), proof.strip());
        if (found.isEmpty()) {
            fill(page.getModelMap(), tenant, lookup, shownReference, "Nothing matches that " + lower(lookup.referenceLabel())
                    + " and " + lower(lookup.proofLabel()) + ". Check both against the message you were sent.");
            page.setStatus(HttpStatus.NOT_FOUND);
            return page;
        }
        URI link = links.mint(tenant, found.get(), LINK_TTL);
        RedirectView redirect = new RedirectView(link.getPath());
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }

    private TrackingLookup lookupOf(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            throw new NotFoundException("no tenant '" + tenant.substring(0, Math.min(tenant.length(), MAX_FIELD))
                    + "' offers tracking here; open the link in the message you were sent");
        }
        return engine.routes().trackingLookup(tenant).orElseThrow(() -> new NotFoundException("tenant '" + tenant
                + "' offers no tracking lookup; open the link in the message you were sent"));
    }

    private void fill(Map<String, Object> model, String tenant, TrackingLookup lookup, String reference, String problem) {
        model.put("tenant", tenant);
        model.put("referenceLabel", lookup.referenceLabel());
        model.put("proofLabel", lookup.proofLabel());
        model.put("reference", reference);
        model.put("problem", problem);
        PageBranding.addTo(model, engine, tenant);
    }

    private int count(String key) {
        return attempts.get(key, ignored -> new AtomicInteger()).incrementAndGet();
    }

    private static String lower(String label) {
        return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }
}

package dev.conveyor.plugin.healthcare.sync;

import dev.conveyor.sdk.EgressException;
import dev.conveyor.sdk.EgressHttp;
import dev.conveyor.sdk.EgressResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The platform's egress client as systems of record answer it: 204 unless a host is told to answer otherwise. */
final class FakeEgress implements EgressHttp {

    record Post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
    }

    private final List<Post> posts = new ArrayList<>();
    private final Map<String, Integer> statusByHost = new HashMap<>();
    private final Map<String, EgressException.Category> failureByHost = new HashMap<>();

    FakeEgress answering(String host, int status) {
        statusByHost.put(host, status);
        return this;
    }

    FakeEgress failing(String host, EgressException.Category category) {
        failureByHost.put(host, category);
        return this;
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    @Override
    public EgressResponse post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws EgressException {
        posts.add(new Post(uri, Map.copyOf(headers), body.clone(), timeout));
        EgressException.Category failure = failureByHost.get(uri.getHost());
        if (failure != null) {
            throw new EgressException(failure);
        }
        return new EgressResponse(statusByHost.getOrDefault(uri.getHost(), 204), new byte[0]);
    }
}

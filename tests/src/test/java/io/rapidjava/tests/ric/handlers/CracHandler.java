package io.rapidjava.tests.ric.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * A SnapStart handler: registers an {@code org.crac} Resource when it is loaded (the init), whose hooks note when
 * they run; each invoke answers the notes so far, then {@code invoke}. With {@code CRAC_FAIL_AFTER_RESTORE} set,
 * its afterRestore hook throws.
 */
public class CracHandler implements RequestHandler<Map<String, Object>, List<String>>, Resource {

    private static final List<String> NOTES = new ArrayList<>();

    public CracHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        note("beforeCheckpoint");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        note("afterRestore");
        if (System.getenv("CRAC_FAIL_AFTER_RESTORE") != null) {
            throw new IllegalStateException("the connection pool could not be opened again");
        }
    }

    @Override
    public List<String> handleRequest(Map<String, Object> event, Context context) {
        note("invoke");
        synchronized (NOTES) {
            return List.copyOf(NOTES);
        }
    }

    private static void note(String what) {
        System.out.println("crac handler: " + what);
        synchronized (NOTES) {
            NOTES.add(what);
        }
    }
}

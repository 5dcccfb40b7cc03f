package io.rapidjava.tests.fuzz;

import java.util.List;
import java.util.Random;

/**
 * One generated request: a template, one to three mutations, the bytes and how they are sent. It is a pure
 * function of (seed, API, index), so any case can be regenerated alone to replay a failure.
 */
record FuzzCase(Api api, int index, String template, List<String> mutations, byte[] bytes, int writes,
        Ending ending, List<String> methods) {

    static FuzzCase generate(long seed, Api api, int index) {
        Random random = new Random(seed ^ (api.ordinal() + 1L) * 0x9E3779B97F4A7C15L ^ index * 0xC2B2AE3D27D4EB4FL);
        while (true) {
            Template template = Template.pick(random, api.templates);
            Draft draft = new Draft(template.request(random), ending(random));
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Mutation m = Mutation.pickOne(random);
                m.apply(draft, random);
                draft.applied.add(m.name());
            }
            byte[] bytes = draft.bytes(random);
            if (!api.takesAnInvoke(bytes)) {
                return new FuzzCase(api, index, template.name(), List.copyOf(draft.applied), bytes, draft.writes,
                        draft.ending, draft.request.methods());
            }
        }
    }

    private static Ending ending(Random random) {
        int n = random.nextInt(10);
        return n < 6 ? Ending.KEEP_OPEN : n < 9 ? Ending.HALF_CLOSE : Ending.ABORT;
    }

    String describe() {
        return api.label + " #" + index + " (" + template + " + " + String.join(", ", mutations) + "; " + writes
                + " write(s), " + ending + ")";
    }
}

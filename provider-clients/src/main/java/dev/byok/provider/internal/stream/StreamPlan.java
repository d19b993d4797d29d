package dev.byok.provider.internal.stream;

import java.net.URI;
import java.util.function.LongFunction;

/**
 * How one slot's call streams: where the streamed request goes and the assembler of its events.
 *
 * @param assembler makes a fresh assembler, given the most characters the answer may have
 */
public record StreamPlan(URI endpoint, LongFunction<StreamAssembler> assembler) {
}

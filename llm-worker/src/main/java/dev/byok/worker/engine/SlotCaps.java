package dev.byok.worker.engine;

/** A lane's shared cap as the current config says, with the config version it comes from. */
public record SlotCaps(Integer cap, long configVersion) {

    public static final SlotCaps UNCAPPED = new SlotCaps(null, 0);
}

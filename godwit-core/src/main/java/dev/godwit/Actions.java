package dev.godwit;

/**
 * The next steps that the library's hints name, in words of no front end: a hint says "run repair", and the CLI,
 * a build plugin or an application renders that in its own words ({@code godwit repair}, a goal, a method). Each
 * constant is the exact phrase used in hints, so a front end can find and replace it.
 */
public final class Actions {
    /** Accept edited files or clear failed rows in history ({@link Godwit#repair}). */
    public static final String REPAIR = "run repair";
    /** Apply pending migrations older than the newest applied one ({@code PlanRequest.Up#outOfOrder}). */
    public static final String ALLOW_OUT_OF_ORDER = "allow out-of-order";
    /** Plan without refusing applied migrations whose files are gone ({@code PlanRequest.Up#ignoreMissing}). */
    public static final String IGNORE_MISSING = "ignore missing files";
    /** Roll back every applied migration ({@code PlanRequest.Down#all}). */
    public static final String ROLL_BACK_ALL = "roll back all";
    /** Ask for fewer steps ({@code PlanRequest.Down#step}). */
    public static final String FEWER_STEPS = "ask for fewer steps";
    /** Configure the location that holds the migrations. */
    public static final String POINT_AT_MIGRATIONS = "point the migrations location";
    /** The list of migrations with their state ({@link Godwit#status}). */
    public static final String STATUS = "the status list";

    private Actions() {
    }
}

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
    /** Apply the pending migrations ({@link Godwit#up}). */
    public static final String UP = "migrate up";
    /** Check the files against history without changing anything ({@link Godwit#validate}). */
    public static final String VALIDATE = "validating the files";
    /** Wait longer for the migration lock ({@code GodwitConfig.Builder#lockTimeout}). */
    public static final String RAISE_LOCK_TIMEOUT = "raise the lock timeout";
    /** Wait longer for a remote server's answer ({@code GodwitConfig.Builder#requestTimeout}). */
    public static final String RAISE_REQUEST_TIMEOUT = "raise the request timeout";
    /** Where the database is configured ({@code GodwitConfig.Builder#url}). */
    public static final String URL = "the database's URL";
    /** Run without a backup ({@code GodwitConfig.Builder#backups}). */
    public static final String NO_BACKUP = "turn backups off";
    /** Show the plan and its SQL without changing anything. */
    public static final String DRY_RUN = "make a dry run";
    /** The objects in which the live schema differs from the recorded one. */
    public static final String DRIFT = "the drift report";

    private Actions() {
    }
}

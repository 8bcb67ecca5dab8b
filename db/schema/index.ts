export * from "./consultations";
export * from "./feedback";
export * from "./imports";
export * from "./passes";
export * from "./reference";
export * from "./safeguarding";
export * from "./staff";
export * from "./summaries";

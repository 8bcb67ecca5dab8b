export * from "./consultations";
export * from "./feedback";
export * from "./imports";
export * from "./reference";
export * from "./safeguarding";
export * from "./safeguarding-lists";
export * from "./staff";
export * from "./summaries";

// The small part of wink's APIs the tag classifier uses (the packages ship no types).
declare module "wink-naive-bayes-text-classifier" {
  type Classifier = {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(tokens: string[], label: string): boolean;
    consolidate(): boolean;
    /** log2 odds of each label against the rest, highest first; [["unknown", 0]] when no word is known. */
    computeOdds(tokens: string[]): [string, number][];
    stats(): { labelWiseSamples: Record<string, number>; vocabulary: number };
  };
  function naiveBayesTextClassifier(): Classifier;
  export default naiveBayesTextClassifier;
}

declare module "wink-nlp-utils" {
  const utils: { string: { stem(word: string): string } };
  export default utils;
}

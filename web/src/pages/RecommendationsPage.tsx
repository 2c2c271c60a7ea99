export function RecommendationsPage() { return null; }

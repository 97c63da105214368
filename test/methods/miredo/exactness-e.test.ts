/** Exactness with loop order on 5-loop nests (exactness-nests.ts), seed 22. */
import { deepExactnessCases } from "./exactness-nests.ts";

deepExactnessCases(22, 2, 5);

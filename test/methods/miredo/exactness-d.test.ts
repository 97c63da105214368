/** Exactness with loop order on 5-loop nests (exactness-nests.ts), seed 21. */
import { deepExactnessCases } from "./exactness-nests.ts";

deepExactnessCases(21, 2, 5);

"""US EAR evaluators: advanced-computing items (:mod:`.ear_items`) and listed parties
(:mod:`.ear_parties`)."""

"""The forecasting models said in plain words on the campaign page.

The page leads with what each model assumes about the room; the models' names, their
parameters and where they are published sit behind "How this is computed".
"""

from __future__ import annotations

#: What each model (by its key in :mod:`allies.services.campaigns.forecast`) assumes,
#: in plain words.
MODEL_WORDS: dict[str, str] = {
    "default": "Best guess (the average of three ways below)",
    "compromise": "Where the weight in the room lands",
    "weighted_median": "Where the middle of the room stands",
    "friedkin_johnsen": "After people sway those who listen to them",
    "expected_utility": "After people bargain and give way",
    "exchange": "After people trade support across issues",
    "mean_voter": "If every voice counted the same",
}

#: Where the published models come from (shown behind the disclosure).
REFERENCES = (
    "Achen, C. H. (2006). Evaluating political decision-making models. In Thomson et al. "
    "(eds.), The European Union Decides, Cambridge University Press.",
    "Friedkin, N. E. and Johnsen, E. C. (1990). Social influence and opinions. "
    "Journal of Mathematical Sociology 15(3-4), 193-206.",
    "Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011). Unravelling Bueno de "
    "Mesquita's group decision model. Journal of Theoretical Politics 23(4), 510-531.",
    "Stokman, F. N. and Van Oosten, R. (1994). The exchange of voting positions. In Bueno "
    "de Mesquita and Stokman (eds.), European Community Decision Making, Yale University "
    "Press, 105-127.",
)

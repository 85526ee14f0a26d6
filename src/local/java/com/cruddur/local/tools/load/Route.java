package com.cruddur.local.tools.load;

/**
 * What one client does next, the same for our stack and the baseline: the frontend's mix of home
 * feed 60 %, a user feed 15 %, search 10 %, create 15 %, or creates only.
 */
enum Route {
  HOME("GET /api/activities/home"),
  USER_FEED("GET /api/activities/@{handle}"),
  SEARCH("GET /api/activities/search"),
  CREATE("POST /api/activities");

  /** The handles and terms the reads alternate between (seeded users, words in seeded data). */
  static final String[] HANDLES = {"andrewbrown", "worf"};

  static final String[] TERMS = {"cloud", "load"};

  final String label;

  Route(String label) {
    this.label = label;
  }

  /** The route for a draw in [0, 100). */
  static Route pick(Mix mix, int draw) {
    if (draw < 0 || draw >= 100) {
      throw new IllegalArgumentException("a draw is in [0, 100): " + draw);
    }
    if (mix == Mix.CREATES) {
      return CREATE;
    }
    if (draw < 60) {
      return HOME;
    }
    if (draw < 75) {
      return USER_FEED;
    }
    return draw < 85 ? SEARCH : CREATE;
  }

  /** Which of two variants (handle, term) a draw reads. */
  static int variant(int draw) {
    return draw % 2;
  }

  /** The request mix. */
  enum Mix {
    FRONTEND,
    CREATES
  }
}

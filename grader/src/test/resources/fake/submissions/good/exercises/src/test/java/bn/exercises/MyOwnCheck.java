package bn.exercises;

class MyOwnCheck {
    this does not compile, and the grader must not try
}

// Solutions of notebooks/10-sleepgpt.ipynb (see docs/exercises.md).

//// answer-10-1
int[] counts = new int[5];
for (int stage : night) counts[stage]++;
double[] shares = new double[5];
for (int s = 0; s < 5; s++) shares[s] = (double) counts[s] / night.length;
return shares;
//// wrong: `(double) counts[s] / night.length` -> `(double) counts[s]` hint `divide by the night's length`

//// answer-10-2
int correct = 0;
for (int i = 0; i < test.size(); i++) {
    int predicted = SleepNights.tellingSteps(test.stages()[i]).isEmpty() ? 0 : 1;
    if (predicted == test.labels()[i]) correct++;
}
return (double) correct / test.size();
//// wrong: `isEmpty() ? 0 : 1` -> `isEmpty() ? 1 : 0` hint `not right`

//// answer-10-3
double[] features = new double[5 * night.length];
for (int t = 0; t < night.length; t++) features[5 * t + night[t]] = 1;
return features;
//// wrong: `features[5 * t + night[t]] = 1` -> `features[night[t] * night.length + t] = 1` hint `grouped by stage`

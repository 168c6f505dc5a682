/** Whether a higher value is better, worse, or neither (rising reports of domestic abuse can be good). */
export type Polarity = 'higher is better' | 'lower is better' | 'no polarity';

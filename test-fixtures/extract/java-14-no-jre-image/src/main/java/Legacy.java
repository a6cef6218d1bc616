public class Legacy { public static void main(String[] a) {} }
